"""MedCMS settings: one file, read from environment variables.

DJANGO_ENV      development (default) or production; production switches on hardening
SECRET_KEY      required in production
DATABASE_URL    default: SQLite file var/db.sqlite3; postgres://user@host:port/name for PostgreSQL
ALLOWED_HOSTS   comma-separated; default localhost names in development
CACHE_URL       optional, e.g. redis://127.0.0.1:6379/1; default: local memory
DEFAULT_PERSONA persona code a first-time reader gets (default: patient)
REVIEW_QUORUM   how many different board members must approve a language version (default 1)
REVIEW_REQUIRE_SPECIALTY  1: an approver's specialties must include a topic of the article (default 0)
REVIEW_INTERVAL_MONTHS    months from an approval to the next review due (default 12)
REVIEW_GATE     caution (default): readers see the latest text, with a caution until approved;
                approval: readers see the last approved text of each language version
CROSSREF_API_URL, EUTILS_API_URL  reference lookup services (default: the real ones)
REFERENCE_LOOKUP_MAILTO   contact address sent to Crossref and NCBI (polite use)
REFERENCE_LOOKUP_TIMEOUT  seconds before a lookup gives up (default 5)
REFERENCE_LOOKUP_INTERVAL seconds between two requests to one service (default 0.4)
"""

import os
from pathlib import Path

import dj_database_url
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "reversion",
    "references",
    "articles",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "medcms",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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

# Reference lookup (admin "Fill from DOI or PMID", manage.py check_retractions)
CROSSREF_API_URL = os.environ.get("CROSSREF_API_URL", "https://api.crossref.org")
EUTILS_API_URL = os.environ.get("EUTILS_API_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils")
# Crossref's polite pool and NCBI ask for a contact address with every request.
REFERENCE_LOOKUP_MAILTO = os.environ.get("REFERENCE_LOOKUP_MAILTO", "")
REFERENCE_LOOKUP_TIMEOUT = float(os.environ.get("REFERENCE_LOOKUP_TIMEOUT", "5"))
# Seconds between two requests to the same service (NCBI allows 3 a second without an API key).
REFERENCE_LOOKUP_INTERVAL = float(os.environ.get("REFERENCE_LOOKUP_INTERVAL", "0.4"))

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
