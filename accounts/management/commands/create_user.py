from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Role
from accounts.services import user_create
from dakmonev.errors import DomainError


class Command(BaseCommand):
    help = "Buat pengguna dengan satu peran: create_user USERNAME --role ROLE [--region KODE] --password PW"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--region", default=None, help="Kode wilayah Kemendagri, mis. 32.04")
        parser.add_argument("--password", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--update", action="store_true", help="Perbarui jika sudah ada")

    def handle(self, *args, **opts):
        try:
            user = user_create(
                actor=None,
                username=opts["username"],
                role=opts["role"],
                region_code=opts["region"],
                password=opts["password"],
                email=opts["email"],
                update=opts["update"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        where = f" wilayah {user.region}" if user.region else ""
        self.stdout.write(
            self.style.SUCCESS(f"Pengguna {user.username} ({user.role}{where}) siap.")
        )
