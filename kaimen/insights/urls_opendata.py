from django.urls import path, register_converter

from kaimen.insights import views


class MonthConverter:
    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(MonthConverter, "month")

app_name = "opendata"
urlpatterns = [
    path("", views.open_data, name="index"),
    path("dictionary/", views.open_data_dictionary, name="dictionary"),
    path("datapackage.json", views.open_data_package, name="datapackage"),
    path("<slug:name>.<slug:fmt>", views.open_data_download, name="download"),
    path("league/<int:commission>/<month:month>/", views.league_public, name="league"),
    path(
        "league/<int:commission>/<month:month>.xlsx",
        views.league_public_xlsx,
        name="league_xlsx",
    ),
]
