from django.urls import path

from kaimen.participation import views_portal as views

app_name = "participation"
urlpatterns = [
    path("topics/", views.call_list, name="call_list"),
    path("topics/mine/", views.mine, name="mine"),
    path("topics/calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("topics/calls/<int:pk>/propose/", views.propose, name="propose"),
    path("topics/calls/<int:pk>/similar/", views.similar, name="similar"),
    path("topics/<int:pk>/", views.topic_detail, name="topic_detail"),
    path("topics/<int:pk>/support/", views.support, name="support"),
    path("topics/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("projects/<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("projects/evaluations/<int:pk>/flag/", views.flag, name="flag"),
]
