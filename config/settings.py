"""MedCMS settings: one file, read from environment variables.

DJANGO_ENV      development (default) or production; production switches on hardening
SECRET_KEY      required in production
DATABASE_URL    default: SQLite file var/db.sqlite3; postgres://user@host:port/name for PostgreSQL
CONN_MAX_AGE    seconds a worker keeps its database connection (default 60 in production, 0 otherwise)
ALLOWED_HOSTS   comma-separated; default localhost names in development
CACHE_URL       optional, e.g. redis://127.0.0.1:6379/1; default: local memory
CACHE_KEY_PREFIX  optional, prefix of this site's keys in that cache; default: medcms
DEFAULT_PERSONA persona code a first-time reader gets (default: patient)
REVIEW_QUORUM   how many different board members must approve a language version (default 1)
REVIEW_REQUIRE_SPECIALTY  1: an approver's specialties must include a topic of the article (default 0)
REVIEW_INTERVAL_MONTHS    months from an approval to the next review due (default 12)
FOLLOWUP_RATE_LIMIT, FOLLOWUP_RATE_WINDOW_SECONDS  reader questions per client per window (5, 3600)
FOLLOWUP_EMAIL_RETENTION_DAYS  days an asker's email address is kept at most (90)
TRUSTED_PROXY_COUNT proxies that append to X-Forwarded-For in front of the app (default 0)
CONTACT_EMAIL   the address the contact page gives readers (development: editors@example.org)
REVIEW_GATE     caution (default): readers see the latest text, with a caution until approved;
                approval: readers see the last approved text of each language version
SITE_URL        the site's address, for links in emails (default http://127.0.0.1:8000)
EMAIL_BACKEND   default: console (prints emails) in development, SMTP in production
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL,
EMAIL_TIMEOUT (seconds, default 5), DEFAULT_FROM_EMAIL: the SMTP server and sender
CROSSREF_API_URL, EUTILS_API_URL  reference lookup services (default: the real ones)
REFERENCE_LOOKUP_MAILTO   contact address sent to Crossref and NCBI (polite use)
REFERENCE_LOOKUP_TIMEOUT  seconds before a lookup gives up (default 5)
REFERENCE_LOOKUP_INTERVAL seconds between two requests to one service (default 0.4)
RESPONSE_CACHE_SECONDS    how long the full-response cache keeps a reader page (default 86400; 0: off)
SEARCH_RESPONSE_CACHE_SECONDS  at most how long it keeps a search results page (default 600)
RESPONSE_CACHE_MAX_AGE    Cache-Control max-age sent with reader pages, for browsers and CDNs (default 60)
RELEASE         names the deployed code (e.g. the git commit); part of every response-cache key;
                default: a digest of the code, templates, static files and translations
PRERENDER_ON_SAVE  1 (default): render every language x persona variant after an article is saved
SEARCH_MAX_RESULTS  articles a search ranks and lists at most (default 200); beyond, it says "more than"
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
if DJANGO_ENV not in ("development", "production"):
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = os.environ.get("DEBUG", "0" if PRODUCTION else "1") == "1"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production.")
    SECRET_KEY = "development-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    # modeltranslation must come before the admin (see docs/pitfalls).
    "modeltranslation",
    "config.apps.MedCMSAdminConfig",  # django.contrib.admin with two-factor login
    "django.contrib.auth",
    "axes",  # login protection (after auth)
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "reversion",
    "ninja",  # the read API's docs page and its Swagger UI files (static, no CDN)
    "references",
    "articles",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy with a nonce per response
    "config.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "reviews.audit.middleware.AuditContextMiddleware",  # who acts, for the audit trail
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: refuses logins of locked-out accounts and clients.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failures and refuses while locked out
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        # Production keeps a worker's connection between requests (checked before reuse, so
        # a restarted database is reconnected to); development opens one per request.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
else:
    # PostgreSQL's JIT compiles any plan its cost model finds expensive (a deep page of the
    # index at 100,000 articles): seconds of compiling for statements that run in milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            # Several sites (or test runs) may share one Redis: each its own prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "medcms"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Content Security Policy (django-csp) on every page, admin included: scripts and styles only
# from our own origin, or inline with the response's nonce ({{ request.csp_nonce }}); no
# 'unsafe-inline', no third-party origin, no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page of ours uses (config/security.py sends the header).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)

# Login protection (django-axes). Failures are kept in the database, so every app server sees
# the same lockouts. An account, or a client address, is locked out after LOGIN_FAILURE_LIMIT
# failures for LOGIN_LOCKOUT_MINUTES; a chief medical editor can unlock earlier by deleting the
# attempt in the admin ("Access attempts"). Behind a proxy, TRUSTED_PROXY_COUNT tells how many
# X-Forwarded-For hops to trust for the client address (config/security.py).
# Two-factor authentication (config/twofactor.py): available to every staff account; with
# REQUIRE_2FA=1 chief medical editors, board members and superusers must use it.
REQUIRE_2FA = os.environ.get("REQUIRE_2FA", "0") == "1"
OTP_TOTP_ISSUER = "MedCMS"

AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # per account, and per client
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.security.lockout_response"  # a styled 429 page in the site's language
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages are settled: modeltranslation turns each code into column suffixes
# (zh-hans -> _zh_hans); changing this list needs a migration.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
# The fallback order for reader-visible text; the page says when it falls back.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans"), "zh-hans": ("zh-hans", "en")}
# The tabbed admin must not load jQuery UI from a CDN: serve our own copy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Reader personalisation
DEFAULT_PERSONA = os.environ.get("DEFAULT_PERSONA", "patient")
PERSONA_COOKIE_NAME = "medcms_persona"
PERSONA_COOKIE_AGE = 365 * 24 * 60 * 60

# Where the article page's "View editorial policy" link points.
EDITORIAL_POLICY_URL = os.environ.get("EDITORIAL_POLICY_URL", "/editorial-policy/")

# Medical review (reviews app)
REVIEW_QUORUM = int(os.environ.get("REVIEW_QUORUM", "1"))
if REVIEW_QUORUM < 1:
    raise ImproperlyConfigured("REVIEW_QUORUM must be 1 or more.")
REVIEW_REQUIRE_SPECIALTY = os.environ.get("REVIEW_REQUIRE_SPECIALTY", "0") == "1"
REVIEW_INTERVAL_MONTHS = int(os.environ.get("REVIEW_INTERVAL_MONTHS", "12"))
REVIEW_GATE = os.environ.get("REVIEW_GATE", "caution")
if REVIEW_GATE not in ("caution", "approval"):
    raise ImproperlyConfigured("REVIEW_GATE must be 'caution' or 'approval'.")

# Email (review notifications, reviews/workflow/notifications.py). Sent after the transaction commits;
# a failing mail server is logged and never fails the action.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "0") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "5"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "MedCMS <medcms@localhost>")

# Reader questions and messages (articles/followups/rules.py): a per-client limit kept in the cache
# (shared by every app server when CACHE_URL is set), and how long askers' addresses are kept.
FOLLOWUP_RATE_LIMIT = int(os.environ.get("FOLLOWUP_RATE_LIMIT", "5"))
FOLLOWUP_RATE_WINDOW_SECONDS = int(os.environ.get("FOLLOWUP_RATE_WINDOW_SECONDS", "3600"))
FOLLOWUP_EMAIL_RETENTION_DAYS = int(os.environ.get("FOLLOWUP_EMAIL_RETENTION_DAYS", "90"))

# The address the contact page gives readers (empty: the page shows only its text). The
# demo site (development) gives an example address, so its contact page leads somewhere.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "" if PRODUCTION else "editors@example.org")

# Reference lookup (admin "Fill from DOI or PMID", manage.py check_retractions)
CROSSREF_API_URL = os.environ.get("CROSSREF_API_URL", "https://api.crossref.org")
EUTILS_API_URL = os.environ.get("EUTILS_API_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils")
# Crossref's polite pool and NCBI ask for a contact address with every request.
REFERENCE_LOOKUP_MAILTO = os.environ.get("REFERENCE_LOOKUP_MAILTO", "")
REFERENCE_LOOKUP_TIMEOUT = float(os.environ.get("REFERENCE_LOOKUP_TIMEOUT", "5"))
# Seconds between two requests to the same service (NCBI allows 3 a second without an API key).
REFERENCE_LOOKUP_INTERVAL = float(os.environ.get("REFERENCE_LOOKUP_INTERVAL", "0.4"))

# Reader pages (articles/public/response_cache.py): whole responses kept in the cache under keys that
# hold a site-wide content version (changed by every save that a reader page shows), RELEASE,
# the review gate, the date, the address and the persona inputs. Never for signed-in staff.
RESPONSE_CACHE_SECONDS = int(os.environ.get("RESPONSE_CACHE_SECONDS", str(24 * 60 * 60)))
SEARCH_RESPONSE_CACHE_SECONDS = int(os.environ.get("SEARCH_RESPONSE_CACHE_SECONDS", "600"))
RESPONSE_CACHE_MAX_AGE = int(os.environ.get("RESPONSE_CACHE_MAX_AGE", "60"))
# Empty: computed once per process from the files of the code (response_cache.code_release()).
RELEASE = os.environ.get("RELEASE", "")
PRERENDER_ON_SAVE = os.environ.get("PRERENDER_ON_SAVE", "1") == "1"

# A search ranks only the newest documents that match (two per article, one per language),
# so that its work does not grow with the site: articles/search/query.py.
SEARCH_MAX_RESULTS = int(os.environ.get("SEARCH_MAX_RESULTS", "200"))

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
