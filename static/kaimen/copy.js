// Copy buttons: <button data-copy="text" data-copied-label="…">. No inline scripts (CSP).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button || !navigator.clipboard) return;
  navigator.clipboard.writeText(button.dataset.copy).then(() => {
    const label = button.querySelector("[data-copy-label]") || button;
    label.textContent = button.dataset.copiedLabel;
  });
});
