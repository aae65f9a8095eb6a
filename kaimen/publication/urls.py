from django.urls import path

from kaimen.publication import views

app_name = "publication"
urlpatterns = [
    # public
    path("announcements/<int:campaign_id>/", views.public_detail, name="public_detail"),
    path(
        "announcements/<int:campaign_id>/v<int:number>/",
        views.public_version,
        name="public_version",
    ),
    path(
        "announcements/<int:campaign_id>/v<int:number>/download.<str:kind>",
        views.download,
        name="download",
    ),
    path("announcements/<int:campaign_id>/comments/", views.comment_post, name="comment_post"),
    path("announcements/comments/<int:pk>/flag/", views.comment_flag, name="comment_flag"),
    path("campaigns/<int:campaign_id>/figures/", views.figures, name="figures"),
    # back office
    path("staff/announcements/<int:campaign_id>/", views.staff_detail, name="staff_detail"),
    path(
        "staff/announcements/<int:campaign_id>/generate/",
        views.staff_generate,
        name="staff_generate",
    ),
    path("staff/announcements/<int:campaign_id>/revise/", views.staff_revise, name="staff_revise"),
    path(
        "staff/announcements/<int:campaign_id>/preview/",
        views.staff_preview,
        name="staff_preview",
    ),
    path(
        "staff/announcements/<int:campaign_id>/v<int:number>/edit/",
        views.staff_edit,
        name="staff_edit",
    ),
    path(
        "staff/announcements/<int:campaign_id>/v<int:number>/publish/",
        views.staff_publish,
        name="staff_publish",
    ),
    path(
        "staff/announcements/<int:campaign_id>/comments/<int:pk>/moderate/",
        views.staff_moderate,
        name="staff_moderate",
    ),
]
