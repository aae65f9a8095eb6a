// The 整改通知书 preview follows the text being edited: one paragraph per non-empty line.
document.querySelectorAll("[data-preview-of]").forEach((preview) => {
  const source = document.getElementById(preview.dataset.previewOf);
  if (!source) return;
  source.addEventListener("input", () => {
    preview.replaceChildren(
      ...source.value
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => {
          const paragraph = document.createElement("p");
          paragraph.textContent = line;
          return paragraph;
        }),
    );
  });
});
