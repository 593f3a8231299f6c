"""POST /api/v1/auth/token/: username + password → a new API token, through django-axes.

Tokens are django-rest-knox's: the plain text is in this response only, the database keeps a
SHA-512 digest, and each token expires (accounts.tokens). Failures count towards axes'
username+address lockout and the per-address limit (accounts.login_limits).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from dakmonev.api.errors import error_body
from dakmonev.api.schema import ERROR_RESPONSES, ErrorSerializer
from dakmonev.api.throttles import TokenObtainThrottle
from dakmonev.errors import DomainError

from .login_limits import AddressLimited, authenticate_limited
from .tokens import token_issue


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True, help_text="Ditampilkan sekali ini saja.")
    expiry = serializers.DateTimeField(read_only=True)


class ObtainTokenView(APIView):
    """Trade a username and password for a new, expiring API token (shown once)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenObtainThrottle]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="auth_token_create",
        tags=["auth"],
        auth=[],
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: ERROR_RESPONSES[400],
            429: OpenApiResponse(
                ErrorSerializer,
                description="Terlalu banyak percobaan atau akun terkunci sementara.",
            ),
        },
    )
    def post(self, request):
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            # `request` lets django-axes count failures and refuse a locked-out username+IP.
            user = authenticate_limited(
                request,
                username=form.validated_data["username"],
                password=form.validated_data["password"],
            )
        except AddressLimited as exc:
            return Response(error_body("address_limited", exc.message), status=429)
        if getattr(request, "axes_locked_out", False):
            return Response(
                error_body(
                    "locked_out",
                    "Terlalu banyak percobaan masuk yang gagal; akun dikunci "
                    "sementara. Coba lagi nanti.",
                ),
                status=429,
            )
        if user is None or not user.is_active:  # ModelBackend already refuses inactive users
            return Response(
                error_body("invalid_credentials", "Nama pengguna atau kata sandi salah."),
                status=400,
            )
        try:
            token, plain = token_issue(user=user)
        except DomainError as exc:
            return Response(error_body("too_many_tokens", exc.message), status=400)
        return Response({"token": plain, "expiry": token.expiry})
