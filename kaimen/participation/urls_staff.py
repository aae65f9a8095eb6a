from django.urls import path

from kaimen.participation import views_staff as views

app_name = "participation_staff"
urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("assigned/", views.assigned, name="assigned"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/candidates/new/", views.candidate_add, name="candidate_add"),
    path("<int:pk>/", views.topic_detail, name="topic_detail"),
    path("<int:pk>/publish/", views.topic_publish, name="topic_publish"),
    path("<int:pk>/merge/", views.topic_merge, name="topic_merge"),
    path("<int:pk>/decline/", views.topic_decline, name="topic_decline"),
    path("<int:pk>/assign/", views.topic_assign, name="topic_assign"),
    path("<int:pk>/answer/", views.topic_answer, name="topic_answer"),
    path("<int:pk>/select/", views.topic_select, name="topic_select"),
    path("projects/<int:project_pk>/surveys/new/", views.survey_create, name="project_survey"),
    path("campaigns/<int:campaign_pk>/surveys/new/", views.survey_create, name="campaign_survey"),
    path("evaluations/", views.moderation, name="moderation"),
    path("evaluations/<int:pk>/moderate/", views.moderate, name="moderate"),
]
