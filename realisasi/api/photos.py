"""`/api/v1/activities/{id}/photos/`: progress photos of an RK line (list; upload by its dinas)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from allocations.models import PlannedActivity
from allocations.scoping import get_visible_or_404
from dakmonev.api.schema import ERROR_RESPONSES
from realisasi.choices import ProgressPoint
from realisasi.models import ActivityPhoto
from realisasi.permissions import can_add_activity_photo
from realisasi.selectors.photos import photos_visible
from realisasi.services.photos import activity_photo_add


class ActivityPhotoSerializer(serializers.ModelSerializer):
    """What a photo says: hash, progress point, where and when, distance from the sentra, flags."""

    flags = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ActivityPhoto
        fields = [
            "id",
            "sha256",
            "progress_point",
            "taken_at",
            "latitude",
            "longitude",
            "location_source",
            "distance_km",
            "flags",
            "uploaded_at",
        ]
        read_only_fields = fields


class ActivityPhotoInput(serializers.Serializer):
    file = serializers.FileField(help_text="Foto JPEG, PNG atau HEIC (isi berkas diperiksa).")
    progress_point = serializers.ChoiceField(choices=ProgressPoint.values)
    latitude = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    longitude = serializers.FloatField(
        required=False, allow_null=True, min_value=-180, max_value=180
    )
    accuracy_m = serializers.FloatField(required=False, allow_null=True, min_value=0)


class ActivityPhotoList(generics.ListAPIView):
    """Photos of an RK line the user may see (another region's line → 404)."""

    serializer_class = ActivityPhotoSerializer
    parser_classes = [MultiPartParser]
    filter_backends: list = []

    def activity(self) -> PlannedActivity:
        return get_visible_or_404(
            PlannedActivity.objects.select_related("allocation"),
            self.request.user,
            pk=self.kwargs["activity_id"],
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ActivityPhoto.objects.none()
        return photos_visible(self.request.user).filter(activity=self.activity())

    @extend_schema(
        request={"multipart/form-data": ActivityPhotoInput},
        responses={201: ActivityPhotoSerializer, **ERROR_RESPONSES},
        summary="Unggah foto kemajuan satu kegiatan RK (dinas wilayahnya)",
    )
    def post(self, request, activity_id: int):
        activity = self.activity()  # 404 before anything about the input
        can_add_activity_photo(request.user, activity).require()
        data = ActivityPhotoInput(data=request.data)
        data.is_valid(raise_exception=True)
        photo = activity_photo_add(actor=request.user, activity=activity, **data.validated_data)
        return Response(ActivityPhotoSerializer(photo).data, status=status.HTTP_201_CREATED)
