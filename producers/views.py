from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from .models import LicenceDocument
from .permissions import can_view_licence


class LicenceDocumentDownloadView(View):
    """Serve a private licence document to those allowed to see its licence, else 404."""

    def get(self, request, pk: int):
        document = get_object_or_404(LicenceDocument.objects.select_related("licence"), pk=pk)
        if not can_view_licence(request.user, document.licence):
            raise Http404
        response = FileResponse(document.file.open("rb"), as_attachment=True,
                                filename=document.file.name.rsplit("/", 1)[-1])
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
