from django.urls import path

app_name = "imports_staff"
urlpatterns: list[object] = []
