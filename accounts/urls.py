from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import PasswordResetForm

urlpatterns = [
    path("", views.account, name="account"),
    path("password/change/", auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("account")), name="password_change"),
    path("password/forgotten/", auth_views.PasswordResetView.as_view(
        form_class=PasswordResetForm, template_name="accounts/password_reset.html"), name="password_reset"),
    path("password/forgotten/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_sent.html"), name="password_reset_done"),
    path("password/set/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_set.html", success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm"),
    path("password/set/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_set_done.html"), name="password_reset_complete"),
]
