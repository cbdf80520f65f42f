from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.my_district, name="mine"),
    path("review/", views.review_list, name="review"),
    path("dashboard/", views.dashboard_index, name="dashboard_index"),
    path("board/<int:year>/q<int:quarter_number>/", views.status_board, name="status_board"),
    path("dashboard/<str:indicator_code>/<int:year>/q<int:quarter_number>/", views.dashboard, name="dashboard"),
    path("dashboard/<str:indicator_code>/<int:year>/q<int:quarter_number>/narrative/", views.host_narrative, name="host_narrative"),
    path("review/approve/", views.review_approve_many, name="approve_many"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/approve/", views.report_approve, name="approve"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/assess/", views.report_assess, name="assess"),
    path("district/<str:district_code>/", views.district_history, name="district"),
    path("scorecard/<int:year>/", views.ranking, name="ranking"),
    path("scorecard/<int:year>/<str:district_code>/", views.scorecard, name="scorecard"),
    path("scorecard/<int:year>/<str:district_code>.pdf", views.scorecard_pdf, name="scorecard_pdf"),
    path("district/<str:district_code>/<str:indicator_code>/<int:year>/q<int:quarter_number>/", views.report_form, name="form"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
]
