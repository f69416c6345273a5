"""Admin for the region registry and the SPM catalogue."""

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from reporting.models import CategoryThreshold, Region, RegionCodeChange, ServiceType, Urusan


class RegionAdmin(ModelAdmin):
    model = Region
    menu_label = "Wilayah"
    menu_icon = "site"
    list_display = ("login_code", "code", "name", "level", "province", "is_active")
    list_filter = ("level", "is_active", "province")
    search_fields = ("name", "code", "login_code")
    list_select_related = ("province",)


class RegionCodeChangeAdmin(ModelAdmin):
    model = RegionCodeChange
    menu_label = "Perubahan kode"
    menu_icon = "redirect"
    list_display = ("old_login_code", "region", "note")
    search_fields = ("old_login_code", "region__name")
    list_select_related = ("region",)


class RegionGroup(ModelAdminGroup):
    menu_label = "Wilayah"
    menu_icon = "site"
    menu_order = 300
    items = (RegionAdmin, RegionCodeChangeAdmin)


class UrusanAdmin(ModelAdmin):
    model = Urusan
    menu_label = "Urusan"
    menu_icon = "list-ul"
    list_display = ("code", "name", "short_name", "order")


class ServiceTypeAdmin(ModelAdmin):
    model = ServiceType
    menu_label = "Jenis pelayanan dasar"
    menu_icon = "list-ol"
    list_display = ("code", "name", "urusan", "level", "year")
    list_filter = ("year", "level", "urusan")
    search_fields = ("name", "code", "indikator")
    list_select_related = ("urusan",)
    panels = [
        FieldPanel("year"),
        FieldPanel("urusan"),
        FieldPanel("level"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("indikator"),
        FieldPanel("order"),
        InlinePanel("mutu_items", label="Mutu pelayanan"),
    ]


class CategoryThresholdAdmin(ModelAdmin):
    model = CategoryThreshold
    menu_label = "Kategori capaian"
    menu_icon = "tag"
    list_display = ("name", "min_index")


class CatalogueGroup(ModelAdminGroup):
    menu_label = "Katalog SPM"
    menu_icon = "folder-open-inverse"
    menu_order = 310
    items = (UrusanAdmin, ServiceTypeAdmin, CategoryThresholdAdmin)


modeladmin_register(RegionGroup)
modeladmin_register(CatalogueGroup)
