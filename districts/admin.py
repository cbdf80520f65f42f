from django.contrib import admin

from okr_tracker.admin_import import WorkbookImportMixin

from .models import Community, District, DistrictAlias, DistrictGroup
from .resources import CommunityListFormat, CommunityResource


@admin.register(DistrictGroup)
class DistrictGroupAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "code", "order"]
    ordering = ["order"]


class DistrictAliasInline(admin.TabularInline):
    model = DistrictAlias
    extra = 0


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "group"]
    list_filter = ["group"]
    search_fields = ["code", "name_th", "name_en", "aliases__alias"]
    filter_horizontal = ["staff"]
    inlines = [DistrictAliasInline]
    list_select_related = ["group"]


@admin.register(DistrictAlias)
class DistrictAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "district"]
    search_fields = ["alias", "district__name_th"]
    autocomplete_fields = ["district"]
    list_select_related = ["district"]


@admin.register(Community)
class CommunityAdmin(WorkbookImportMixin, admin.ModelAdmin):
    resource_classes = [CommunityResource]
    formats = [CommunityListFormat]

    list_display = ["name", "district", "status"]
    list_filter = ["status", "district__group", "district"]
    search_fields = ["name", "district__name_th"]
    autocomplete_fields = ["district"]
    list_select_related = ["district"]
