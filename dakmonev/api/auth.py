"""POST /api/v1/auth/token/: username + password → the user's API token, through django-axes."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .errors import error_body
from .schema import ERROR_RESPONSES, ErrorSerializer
from .throttles import TokenObtainThrottle


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class ObtainTokenView(APIView):
    """Trade a username and password for the account's API token (one token per account)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenObtainThrottle]

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
        # `request=request` lets django-axes count failures and refuse a locked-out username+IP.
        user = authenticate(
            request=request,
            username=form.validated_data["username"],
            password=form.validated_data["password"],
        )
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
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
