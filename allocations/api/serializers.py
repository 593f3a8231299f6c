"""Read serializers of regions, allocations, RK lines and disbursements (API v1)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from allocations.models import Allocation, Disbursement, PlannedActivity, Region, Sentra
from allocations.services.targets import QUARTERS, Targets, activity_targets


class RegionSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(
        source="parent.code", read_only=True, allow_null=True, default=None
    )
    province_code = serializers.CharField(read_only=True)

    class Meta:
        model = Region
        fields = ["id", "code", "name", "level", "parent_code", "province_code", "timezone"]


class AllocationSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    year = serializers.IntegerField(source="fiscal_year.year", read_only=True)
    rk_approved_by = serializers.CharField(
        source="rk_approved_by.username", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Allocation
        fields = [
            "id",
            "region_code",
            "region_name",
            "year",
            "pagu",
            "rk_status",
            "rk_status_note",
            "rk_approved_by",
            "rk_approved_at",
            "is_synthetic",
        ]


class TargetSerializer(serializers.Serializer):
    """A line's plan at the end of one quarter: cumulative physical % and Rp (null = no target)."""

    quarter = serializers.IntegerField(min_value=1, max_value=4)
    target_physical_pct = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True, required=False, default=None
    )
    target_financial = serializers.DecimalField(
        max_digits=18, decimal_places=2, allow_null=True, required=False, default=None
    )


class TargetsInput(serializers.Serializer):
    """`PUT …/activities/{id}/targets/`: the line's four quarters at once; a quarter left out or
    null has no target. The rules (DOMAIN.md §7) are the service's; errors name `target_fisik_twN`."""

    targets = TargetSerializer(many=True)

    def validate_targets(self, value):
        quarters = [t["quarter"] for t in value]
        if len(set(quarters)) != len(quarters):
            raise serializers.ValidationError("Setiap triwulan paling banyak satu kali.")
        return value

    def to_targets(self) -> Targets:
        by_quarter = {t["quarter"]: t for t in self.validated_data["targets"]}
        return Targets.of(
            [by_quarter.get(q, {}).get("target_physical_pct") for q in QUARTERS],
            [by_quarter.get(q, {}).get("target_financial") for q in QUARTERS],
        )


class ActivitySerializer(serializers.ModelSerializer):
    """One RK line with its procurement state and its quarterly targets."""

    allocation_id = serializers.IntegerField(read_only=True)
    region_code = serializers.CharField(source="allocation.region.code", read_only=True)
    year = serializers.IntegerField(source="allocation.fiscal_year.year", read_only=True)
    menu = serializers.CharField(source="menu.code", read_only=True)
    sentra_id = serializers.IntegerField(read_only=True, allow_null=True)
    sentra_name = serializers.CharField(
        source="sentra.name", read_only=True, allow_null=True, default=None
    )
    targets = serializers.SerializerMethodField()

    class Meta:
        model = PlannedActivity
        fields = [
            "id",
            "allocation_id",
            "region_code",
            "year",
            "code",
            "menu",
            "sentra_id",
            "sentra_name",
            "description",
            "volume",
            "unit",
            "pagu",
            "ded_ready",
            "procurement_method",
            "procurement_stage",
            "contract_number",
            "contract_date",
            "contract_value",
            "supplier",
            "planned_completion",
            "actual_completion",
            "targets",
        ]

    @extend_schema_field(TargetSerializer(many=True))
    def get_targets(self, activity) -> list[dict]:
        plan = activity_targets(activity)
        return TargetSerializer(
            [
                {
                    "quarter": q,
                    "target_physical_pct": plan.physical[q - 1],
                    "target_financial": plan.financial[q - 1],
                }
                for q in QUARTERS
            ],
            many=True,
        ).data


class DisbursementSerializer(serializers.ModelSerializer):
    allocation_id = serializers.IntegerField(read_only=True)
    region_code = serializers.CharField(source="allocation.region.code", read_only=True)
    year = serializers.IntegerField(source="allocation.fiscal_year.year", read_only=True)

    class Meta:
        model = Disbursement
        fields = [
            "id",
            "allocation_id",
            "region_code",
            "year",
            "stage",
            "amount",
            "date",
            "reference",
        ]


class SentraSerializer(serializers.ModelSerializer):
    """A sentra IKM with its location (WGS84 degrees, null until recorded)."""

    region_code = serializers.CharField(source="region.code", read_only=True)

    class Meta:
        model = Sentra
        fields = [
            "id",
            "region_code",
            "name",
            "commodity",
            "ikm_units",
            "workforce",
            "is_ovop",
            "latitude",
            "longitude",
        ]
        read_only_fields = fields


class SentraLocationInput(serializers.Serializer):
    """PATCH body: both coordinates, or both null to clear (the service checks Indonesia's box)."""

    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
