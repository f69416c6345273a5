"""The integration API, ``/api/v1/`` (django-ninja): routers per resource, token auth, Indonesian errors.

Mounted in ``portal/urls.py``; the OpenAPI document is ``/api/v1/openapi.json`` and its UI ``/api/v1/docs``
(swagger-ui from the django-ninja package, no CDN).
"""

from ninja import NinjaAPI

from . import errors
from .auth import TokenAuth
from .routers import catalogue, monitoring, regions, reports

api = NinjaAPI(
    title="API Pelaporan SPM",
    version="1",
    description=(
        "API integrasi portal Pelaporan Standar Pelayanan Minimal. Setiap permintaan memakai header "
        "`Authorization: Bearer <token>`; token dibuat di portal (menu akun, Token API). Kode wilayah: bentuk "
        "bakunya kode registri bertitik (`35`, `35.17`), yang dipakai setiap jawaban; setiap parameter kode "
        "wilayah (path dan query) juga menerima kode login pemda (`3500`, `3517`) dan kode login lama sebelum "
        "perubahan kode (pemekaran Papua 2022: `9101` adalah Kabupaten Merauke, kini `93.01`)."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs_url="/docs",
)
errors.install(api)
for module in (regions, catalogue, reports, monitoring):
    api.add_router("", module.router)
