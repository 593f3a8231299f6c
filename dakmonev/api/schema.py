"""OpenAPI pieces: the error body component and an AutoSchema that documents the errors every
operation can answer with, so the schema matches what clients (and schemathesis) receive."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Kode mesin, mis. `not_found`, `invalid`, `permission_denied`."
    )
    message = serializers.CharField(help_text="Pesan untuk manusia (Bahasa Indonesia).")
    field = serializers.CharField(
        required=False, help_text="Kolom masukan yang bermasalah, bila ada."
    )
    details = serializers.JSONField(
        required=False, help_text="Rincian: galat per kolom, detik tunggu, …"
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


ERROR_RESPONSES = {
    400: _error("Masukan tidak valid (rincian per kolom di `error.details`)."),
    401: _error("Tidak ada atau token/sesi tidak valid, atau akun nonaktif."),
    403: _error("Peran Anda tidak berhak melakukan tindakan ini."),
    404: _error("Tidak ada, atau milik wilayah lain (tidak pernah dibocorkan)."),
    409: _error("Keadaan data tidak mengizinkan tindakan ini."),
    415: _error("Jenis konten tidak didukung."),
    429: _error("Terlalu banyak permintaan; lihat header Retry-After."),
}


class ApiAutoSchema(AutoSchema):
    """Adds the shared error responses to each operation (unless the view documents its own)."""

    def _error_codes(self) -> list[int]:
        codes = [400]
        if getattr(self.view, "authentication_classes", None) != []:
            codes += [401, 403]
        if "{" in self.path or self._is_list_view():
            codes.append(404)  # another region's object, or a page past the end
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append(415)
        codes.append(429)
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    ERROR_RESPONSES[code], str(code), direction=direction
                )
        return responses
