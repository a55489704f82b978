from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("signin/", views.sign_in, name="login"),
    path("signin/code/", views.sign_in_code, name="code"),
    path("signout/", views.sign_out, name="logout"),
    path("account/two-factor/", views.two_factor_setup, name="two_factor"),
    path("o/<slug:org>/policy/", views.policy_page, name="policy"),
    path("o/<slug:org>/people/", views.people_list, name="list"),
]
