"""Settings shared by every environment.

Safe for production by default (``DEBUG = False``). The environment is read here
and nowhere else; ``.env.example`` lists every variable.
"""

import os
from pathlib import Path

import dj_database_url

from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR

from core import errors, storage_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

ENV = os.environ

SECRET_KEY = ENV.get("SECRET_KEY", "")
DEBUG = ENV.get("DEBUG", "") == "1"
ALLOWED_HOSTS = [h for h in ENV.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in ENV.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# How many proxies (load balancers) in front of the app append to X-Forwarded-For; 0 ignores the header.
TRUSTED_PROXY_COUNT = int(ENV.get("TRUSTED_PROXY_COUNT", "0"))

DATABASES = {
    "default": dj_database_url.parse(
        ENV.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(ENV.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
        # Behind PgBouncer in transaction mode a server-side cursor may land on another server connection.
        disable_server_side_cursors=ENV.get("DB_DISABLE_SERVER_SIDE_CURSORS", "") == "1",
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database that does not answer (host gone, network cut) fails a request in seconds, not minutes: the
    # Indonesian 503 (core.middleware) instead of a hung worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(ENV.get("DB_CONNECT_TIMEOUT", "5"))
# Third-party apps without their own default (machina) keep the AutoField their migrations were made with;
# our apps set BigAutoField in their AppConfig.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "core",
    "reporting",
    "reporting.accounts",  # login, lockout, passwords, API tokens (label "accounts"; User stays in reporting)
    "home",
    "django_tasks",
    "django_tasks_db",
    "forum.forum_abuse",
    "axes",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",  # its sitemap.xml template, used by wagtail.contrib.sitemaps
    "wagtail.embeds",
    "wagtail.sites",
    "reporting.accounts.wagtail_users.WagtailUsersConfig",  # Wagtail's users app, its screens leading to "Akun"
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "ninja",  # the API docs page uses its packaged swagger-ui files, not a CDN
    "modelcluster",
    "taggit",
    # django-machina (forum) and what it needs
    "mptt",
    "haystack",
    "widget_tweaks",
    "machina",
    "machina.apps.forum",
    "forum.forum_conversation",  # overrides machina's (forms: rate limit, Indonesian labels)
    "forum.forum_conversation.forum_attachments",  # overrides machina's (upload checks, hidden posts' files)
    "machina.apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds",
    "machina.apps.forum_moderation",
    "forum.forum_search",  # overrides machina's: permission-aware database search
    "machina.apps.forum_tracking",
    "machina.apps.forum_member",
    "machina.apps.forum_permission",
    # Django
    "django.contrib.admin",  # wagtail-modeladmin uses its list filters; not mounted in urls
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "core.requestid.RequestIdMiddleware",  # first: every log line of the request carries its id
    "core.health.HealthCheckMiddleware",  # /healthz before sessions, login and the HTTPS redirect
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Loads session and user itself: a database outage answers the Indonesian 503, not a middleware's 500.
    "core.middleware.DatabaseUnavailableMiddleware",
    "reporting.accounts.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "forum.middleware.ForumPermissionMiddleware",  # machina's, without a session for anonymous readers
    # Last, as axes asks: it turns a lock raised anywhere in the view into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project templates first so that they shadow machina's.
        "DIRS": [BASE_DIR / "templates", MACHINA_MAIN_TEMPLATE_DIR],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "machina.core.context_processors.metadata",
                "reporting.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "reporting.User"
# axes first: the lockout holds on every login page (portal, Wagtail admin, private pages).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "reporting.accounts.auth_backends.PortalModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reporting:dashboard"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # The region's and province's names and codes, the portal's words, the username, the current password,
    # common Indonesian passwords.
    {"NAME": "reporting.accounts.passwords.RegionNameValidator"},
    {"NAME": "reporting.accounts.passwords.NotCurrentPasswordValidator"},
    {"NAME": "reporting.accounts.passwords.IndonesianCommonPasswordValidator"},
    # Issue 24: patterns, and the passwords the account had before (its one-time password too).
    {"NAME": "reporting.accounts.passwords.RepeatedPatternValidator"},
    {"NAME": "reporting.accounts.passwords.PreviousPasswordValidator"},
]
# Lockout (reporting/accounts/lockout.py, django-axes): this many failed logins for one username from one client
# address within the window lock that username at that address; LOGIN_MAX_FAILURES_PER_IP failures from one
# address, whatever the usernames, lock the address. The same username from another address still logs in.
LOGIN_MAX_FAILURES = int(ENV.get("LOGIN_MAX_FAILURES", "5"))
LOGIN_MAX_FAILURES_PER_IP = int(ENV.get("LOGIN_MAX_FAILURES_PER_IP", "30"))
LOGIN_LOCKOUT_MINUTES = int(ENV.get("LOGIN_LOCKOUT_MINUTES", "15"))
AXES_HANDLER = "reporting.accounts.lockout.PortalAxesHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = "reporting.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = "reporting.accounts.lockout.cool_off"
AXES_USERNAME_CALLABLE = "reporting.accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"  # proxy-aware: TRUSTED_PROXY_COUNT
AXES_LOCKOUT_CALLABLE = "reporting.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = False  # the records are the audit trail; a login deletes nothing
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # tries during a lock are not counted
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # Django's admin is not mounted; the records are in the Wagtail admin
# Public pages that cost work: requests per client address and minute (core/ratelimit.py).
RATE_LIMIT_SEARCH_PER_MINUTE = int(ENV.get("RATE_LIMIT_SEARCH_PER_MINUTE", "60"))
RATE_LIMIT_OPEN_DATA_PER_MINUTE = int(ENV.get("RATE_LIMIT_OPEN_DATA_PER_MINUTE", "60"))
RATE_LIMIT_ABUSE_REPORT_PER_MINUTE = int(ENV.get("RATE_LIMIT_ABUSE_REPORT_PER_MINUTE", "10"))
RATE_LIMIT_FORUM_SEARCH_PER_MINUTE = int(ENV.get("RATE_LIMIT_FORUM_SEARCH_PER_MINUTE", "30"))
# The admin's "forgot password" e-mail (never for pemda and operator accounts): requests per address and minute.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "reporting.accounts.forms.AdminPasswordResetForm"  # noqa: S105 -- a path
RATE_LIMIT_PASSWORD_RESET_PER_MINUTE = int(ENV.get("RATE_LIMIT_PASSWORD_RESET_PER_MINUTE", "5"))
# Integration API (/api/v1/): requests per token and minute; failed token authentications per address and
# minute (past it the address gets 429 without any token being looked up).
API_RATE_LIMIT_PER_MINUTE = int(ENV.get("API_RATE_LIMIT_PER_MINUTE", "120"))
API_AUTH_FAILURES_PER_MINUTE = int(ENV.get("API_AUTH_FAILURES_PER_MINUTE", "20"))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Numbers in pages go through the explicit filters of reporting.templatetags.spm; a global
# thousands separator would also rewrite ids in URLs and form values.
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", MACHINA_MAIN_STATIC_DIR]
MEDIA_URL = "/media/"  # served by core.views.media_file from storages["default"], local or bucket
MEDIA_ROOT = Path(ENV.get("MEDIA_ROOT", BASE_DIR / "media"))
# Private report files live outside MEDIA_ROOT and are only served by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(ENV.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
# Object storage (any S3 API: MinIO, Ceph RGW, AWS) for both media and private files when STORAGE_URL
# (s3+http://KEY:SECRET@host:9000/bucket?region=...) or AWS_STORAGE_BUCKET_NAME is set; else the folders above.
STORAGE_S3 = storage_settings.s3_options(
    url=ENV.get("STORAGE_URL", ""),
    bucket=ENV.get("AWS_STORAGE_BUCKET_NAME", ""),
    endpoint_url=ENV.get("AWS_S3_ENDPOINT_URL", ""),
    access_key=ENV.get("AWS_ACCESS_KEY_ID", ""),
    secret_key=ENV.get("AWS_SECRET_ACCESS_KEY", ""),
    region=ENV.get("AWS_S3_REGION_NAME", ""),
)
STORAGES = storage_settings.storages_setting(s3=STORAGE_S3, private_root=PRIVATE_MEDIA_ROOT)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Largest supporting document (data dukung, SK Tim, rencana aksi) a pemda may upload.
REPORT_UPLOAD_MAX_BYTES = int(ENV.get("REPORT_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))

# Several app hosts share one Redis (CACHE_URL); locmem otherwise. machina keeps a post's attachments there
# between the preview and the save, so they live in the shared cache too (never a file cache on one host).
# Redis fails open (core.cache): a miss at once while it is down, at most half a second on a frozen one.
_CACHE = (
    {
        "BACKEND": "core.cache.FailOpenRedisCache",
        "LOCATION": ENV["CACHE_URL"],
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if ENV.get("CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
)
CACHES = {
    "default": _CACHE,
    "machina_attachments": {**_CACHE, "KEY_PREFIX": "machina_attachments", "TIMEOUT": 3600},
}

# With a shared cache, sessions are read from it and written through to the database.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if ENV.get("CACHE_URL") else "django.contrib.sessions.backends.db"
)

EMAIL_BACKEND = ENV.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = ENV.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(ENV.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = ENV.get("DEFAULT_FROM_EMAIL", "spm@localhost")

# One JSON object per line on stderr, each with its request id (core.logging, core.requestid).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": ENV.get("LOG_LEVEL", "WARNING")},
}
# Error reporting (Sentry or a compatible service) only when SENTRY_DSN is set.
SENTRY_DSN = ENV.get("SENTRY_DSN", "")
errors.sentry_init(
    dsn=SENTRY_DSN, environment=ENV.get("SENTRY_ENVIRONMENT", "production"), release=ENV.get("SENTRY_RELEASE", "")
)

# --- Background jobs (django.tasks API) ----------------------------------------------------------
# "default" stays immediate: Wagtail's own small tasks (reference index, search) keep running in the
# request. "jobs" is the database queue of the portal's long work (recaps, imports, account lists,
# reminders), shared by every app host and run by `manage.py db_worker --backend jobs` on any number of
# worker hosts (reporting/tasks.py, README "Production").
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "jobs": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# A job's progress is written every this many rows (one UPDATE per chunk).
JOB_PROGRESS_EVERY = int(ENV.get("JOB_PROGRESS_EVERY", "1000"))
# Results (recaps, import summaries) are kept this long; the pemda account list (one-time passwords)
# only until its first download or JOB_SECRET_RESULT_MINUTES, whichever comes first.
JOB_RESULT_DAYS = int(ENV.get("JOB_RESULT_DAYS", "7"))
JOB_SECRET_RESULT_MINUTES = int(ENV.get("JOB_SECRET_RESULT_MINUTES", "30"))
# Cetak PDF (issue 24.1): a quarterly report is printed by a background job, at most PDF_JOBS_PER_USER
# printouts queued or running per user; a printout past PDF_MAX_PAGES pages (or whose HTML passes
# PDF_MAX_HTML_BYTES before layout) is refused with a reason. Kegiatan per service and per report are capped
# by every write path (form, Excel import, API), which bounds a printout's length too.
PDF_JOBS_PER_USER = int(ENV.get("PDF_JOBS_PER_USER", "2"))
PDF_MAX_PAGES = int(ENV.get("PDF_MAX_PAGES", "150"))
PDF_MAX_HTML_BYTES = int(ENV.get("PDF_MAX_HTML_BYTES", str(3 * 1024 * 1024)))
KEGIATAN_MAX_PER_SERVICE = int(ENV.get("KEGIATAN_MAX_PER_SERVICE", "50"))
KEGIATAN_MAX_PER_REPORT = int(ENV.get("KEGIATAN_MAX_PER_REPORT", "300"))
# A running job holds a lease that its worker renews (a heartbeat every third of it, and every progress
# update); a job whose lease ran out (worker killed, host lost) is retried when that is safe or failed with
# a true message by the recovery every worker runs on start and every JOB_RECOVERY_SECONDS (ops/README.md).
JOB_LEASE_SECONDS = int(ENV.get("JOB_LEASE_SECONDS", "60"))
JOB_RECOVERY_SECONDS = int(ENV.get("JOB_RECOVERY_SECONDS", "60"))
JOB_MAX_ATTEMPTS = int(ENV.get("JOB_MAX_ATTEMPTS", "3"))
# The longest a job of each kind may run (seconds, per attempt). A run past it is failed with a message that
# says so and whatever it still writes is refused: a job caught in an endless loop inside a live worker would
# otherwise keep its lease, and its page would say "Sedang berjalan", forever. Several times what the largest
# case takes here (national recap about 3 s, 514 account passwords about 4 min, the evaluation zip one PDF per
# pemda), so a healthy job never meets it; the keys are reporting.models.JobKind's values.
JOB_MAX_RUN_SECONDS = {
    "recap": int(ENV.get("JOB_MAX_RUN_SECONDS_RECAP", "1800")),
    "import": int(ENV.get("JOB_MAX_RUN_SECONDS_IMPORT", "900")),
    "accounts": int(ENV.get("JOB_MAX_RUN_SECONDS_ACCOUNTS", "1800")),
    "reminders": int(ENV.get("JOB_MAX_RUN_SECONDS_REMINDERS", "1800")),
    "annual_pdf": int(ENV.get("JOB_MAX_RUN_SECONDS_ANNUAL_PDF", "900")),
    "report_pdf": int(ENV.get("JOB_MAX_RUN_SECONDS_REPORT_PDF", "600")),
    "evaluation": int(ENV.get("JOB_MAX_RUN_SECONDS_EVALUATION", "3600")),
}
# A run still going this long after its job ended (timed out, taken back) is stuck in a loop: its worker
# replaces its own process (reporting/worker.py).
JOB_STUCK_GRACE_SECONDS = int(ENV.get("JOB_STUCK_GRACE_SECONDS", "60"))
# A worker that loses the database waits and reconnects, doubling the wait up to this many seconds.
JOB_WORKER_BACKOFF_MAX_SECONDS = float(ENV.get("JOB_WORKER_BACKOFF_MAX_SECONDS", "30"))
# One account cannot fill the queue: at most this many jobs waiting or running, and this many started per hour.
JOB_QUEUED_MAX_PER_USER = int(ENV.get("JOB_QUEUED_MAX_PER_USER", "5"))
JOB_STARTS_PER_HOUR = int(ENV.get("JOB_STARTS_PER_HOUR", "30"))
# A reminder claimed by a sender that stopped is sent again after this many seconds.
REMINDER_CLAIM_SECONDS = int(ENV.get("REMINDER_CLAIM_SECONDS", "600"))

# --- Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Pelaporan SPM"
WAGTAILADMIN_BASE_URL = ENV.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every CMS document downloads as an attachment (never rendered inline by the browser).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's full-text search stems Indonesian ("pelayanan" and "layanan" match alike).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "indonesian"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# The formats core.uploads decodes in full (and WeasyPrint prints: the logo goes into every PDF); not SVG.
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "gif", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # core.uploads.MAX_IMAGE_PIXELS
# Uploaded images are checked by content (the whole image decodes): home.image_forms.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.PortalImageForm"
# Uploaded documents are checked by content (magic bytes) and size: home.document_forms.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.document_forms.PortalDocumentForm"
CMS_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

# --- Forum (django-machina) ----------------------------------------------------
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
MACHINA_FORUM_NAME = "Forum Diskusi SPM"
MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS = []
MACHINA_ATTACHMENT_CACHE_NAME = "machina_attachments"
MACHINA_BASE_TEMPLATE_NAME = "base.html"
# Render markdown, then sanitise with nh3: markdown2's safe mode alone has known bypasses.
MACHINA_MARKUP_LANGUAGE = ("forum.forum_abuse.markup.render_post", {})
MACHINA_MARKUP_WIDGET = "django.forms.Textarea"
MACHINA_MARKUP_WIDGET_KWARGS = {"attrs": {"rows": 10}}
MACHINA_TOPIC_ANSWER_SUBJECT_PREFIX = "Tanggapan:"
MACHINA_PROFILE_AVATARS_ENABLED = False
MACHINA_ATTACHMENT_MAX_FILES_PER_POST = 5
# Machina's views ask for "forum/index.html" etc.: the project's shadows live in templates/machina/,
# searched after templates/ and before machina's own folder.
TEMPLATES[0]["DIRS"].insert(1, BASE_DIR / "templates" / "machina")
# The override apps keep machina's models, so they keep machina's migrations; forum_attachments's model
# stores its files in the private storage:
MIGRATION_MODULES = {
    "forum_conversation": "machina.apps.forum_conversation.migrations",
    # Its own copy of machina's two migrations and a third that moves the files to the private storage.
    "forum_attachments": "forum.forum_conversation.forum_attachments.migrations",
}
# Largest forum attachment; its type is checked by content (magic bytes).
FORUM_ATTACHMENT_MAX_BYTES = int(ENV.get("FORUM_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024)))
# Posting rate limit: at most this many posts per user per minute.
FORUM_POSTS_PER_MINUTE = int(ENV.get("FORUM_POSTS_PER_MINUTE", "3"))
# A post reported by this many distinct users is hidden until a moderator decides.
FORUM_ABUSE_REPORT_THRESHOLD = int(ENV.get("FORUM_ABUSE_REPORT_THRESHOLD", "3"))

# --- Portal ----------------------------------------------------------------------
SIPD_PROFILE_URL = ENV.get("SIPD_PROFILE_URL", "https://sipd.kemendagri.go.id/")
