from django.urls import path

from kaimen.supervision import views_public

app_name = "supervision_public"
urlpatterns = [
    path("listed/<int:commission_id>/", views_public.listed, name="listed"),
]
