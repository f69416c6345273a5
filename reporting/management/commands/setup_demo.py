from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting.accounts.services.accounts import password_generate
from reporting.accounts.services.roles import roles_setup
from reporting.models import Region, Role, Urusan, User
from reporting.services.demo import demo_period, demo_reports_create
from reporting.services.periods import periods_create_year

PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-passwords.txt"

# (username, role, region login code, urusan code, superuser)
DEMO_ACCOUNTS = [
    ("3500", Role.PEMDA, "3500", None, False),
    ("3517", Role.PEMDA, "3517", None, False),
    ("3578", Role.PEMDA, "3578", None, False),
    ("3200", Role.PEMDA, "3200", None, False),
    ("3100", Role.PEMDA, "3100", None, False),  # DKI Jakarta: its administrative cities report through it
    ("3271", Role.PEMDA, "3271", None, False),
    ("dinkes3517", Role.OPERATOR, "3517", "1.02", False),
    ("reviewer", Role.REVIEWER, None, None, False),
    ("adminkemendagri", Role.MINISTRY_ADMIN, None, None, True),
    ("editor", Role.EDITOR, None, None, False),
    ("moderator", Role.MODERATOR, None, None, False),
]


class Command(BaseCommand):
    help = "Siapkan data referensi, konten demo dan akun demo (password acak, ditulis ke .demo-passwords.txt)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password-file", type=Path, default=PASSWORD_FILE, help="Tempat menulis password akun demo"
        )

    def handle(self, *args, **options):
        self.password_file = options["password_file"]
        year = timezone.localdate().year
        call_command("import_regions", stdout=self.stdout)
        for catalogue_year in (year - 1, year):
            call_command("load_catalogue", year=catalogue_year, stdout=self.stdout)
        for period_year in (year - 1, year):
            periods_create_year(year=period_year)
        roles_setup()
        self._demo_accounts()
        period = demo_period()
        if period is not None:
            created = demo_reports_create(period=period)
            self.stdout.write(f"Laporan demo {period}: {created} baru dibuat.")
        call_command("load_demo_content", stdout=self.stdout)
        call_command("setup_forum", stdout=self.stdout)

    def _demo_accounts(self):
        existing = set(
            User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).values_list("username", flat=True)
        )
        if existing and self.password_file.exists():
            self.stdout.write(f"Akun demo sudah ada; password ada di {self.password_file}")
            return
        lines = ["# Akun demo (hanya untuk pengembangan). Password acak per instalasi.", ""]
        parents = {}
        for username, role, login_code, urusan_code, superuser in DEMO_ACCOUNTS:
            region = Region.objects.get(login_code=login_code) if login_code else None
            user = User.objects.filter(username=username).first() or User(username=username)
            user.role, user.region, user.is_superuser = role, region, superuser
            user.is_staff = superuser
            user.urusan = Urusan.objects.get(code=urusan_code) if urusan_code else None
            user.parent = parents.get(login_code) if role == Role.OPERATOR else None
            user.first_name = region.display_name[:150] if region else str(role.label)
            password = password_generate()
            user.set_password(password)
            user.must_change_password = False
            user.save()
            if role == Role.PEMDA:
                parents[login_code] = user
            lines.append(f"{username:<16} {password}   {role.label}{' · ' + region.display_name if region else ''}")
        self.password_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.password_file.chmod(0o600)
        self.stdout.write(f"Akun demo dibuat; password ada di {self.password_file}")
