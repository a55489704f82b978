from django.urls import include, path

from tactful.web.api.api import api

urlpatterns = [
    path("", include("tactful.web.dashboard.urls")),
    path("", include("tactful.web.people.urls")),
    path("", include("tactful.web.publishing.urls")),
    path("", include("tactful.web.registers.urls")),
    path("", include("tactful.web.audit.urls")),
    path("", include("tactful.web.inbox.urls")),
    path("feed/", include("tactful.web.connectors.outbox.urls")),
    path("api/", api.urls),
]

handler403 = "tactful.web.dashboard.errors.forbidden"
handler404 = "tactful.web.dashboard.errors.not_found"
handler500 = "tactful.web.dashboard.errors.server_error"
