from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("book/<int:year>/", views.book, name="book"),
    path("book/<int:year>.pdf", views.book_pdf, name="book_pdf"),
    path("<str:code>/<int:year>/", views.indicator_detail, name="detail"),
    path("<str:code>/<int:year>/targets.xlsx", views.export_targets, name="export_targets"),
    path("<str:code>/<int:year>/report/", views.official_report, name="official_report"),
    path("<str:code>/<int:year>/report.pdf", views.official_report_pdf, name="official_report_pdf"),
    path("<str:code>/<int:year>/sheet/", views.kr_sheet, name="kr_sheet"),
    path("<str:code>/<int:year>/sheet.pdf", views.kr_sheet_pdf, name="kr_sheet_pdf"),
    path("<str:code>/<int:year>/q<int:quarter_number>/results.xlsx", views.export_quarter_results, name="export_results"),
]
