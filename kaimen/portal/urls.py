from django.urls import path

from kaimen.portal import views

app_name = "portal_site"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("privacy/", views.privacy, name="privacy"),
    path("oversight/", views.oversight, name="oversight"),
    path("corrections/", views.correction_new, name="correction_new"),
    path("elder/", views.elder_mode, name="elder_mode"),
]
