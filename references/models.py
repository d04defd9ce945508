import json
import re
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _

# Pandoc citation keys (https://pandoc.org/MANUAL.html#citation-syntax): a letter, digit or _
# of any script (张2020, пункт3, müller2020), then letters, digits, _ and the internal
# punctuation :.#$%&-+?~/, ending in a letter, digit or _. Pandoc also allows < and >; we do
# not, since a key ends up in HTML and "<b>" in a key is never meant.
CITATION_KEY_RE = re.compile(r"^\w(?:[\w:.#$%&+?~/-]*\w)?$")
# A DOI (10.prefix/suffix) or a short DOI (10/abc12, https://shortdoi.org). The suffix may hold
# almost anything (SICI DOIs contain < and >), but no spaces, quotes or markup.
DOI_RE = re.compile(r"^(?:10\.\d{4,9}/[^\s\"]+|10/[A-Za-z0-9]+)$")
PMID_RE = re.compile(r"^[1-9]\d{0,8}$")
_MARKUP_RE = re.compile(r"<\s*/?\s*[A-Za-z!?]|[\"\x00-\x1f\x7f]")
# Real addresses percent-encode these; their presence means pasted markup, not a URL.
_URL_FORBIDDEN_RE = re.compile(r"[\s\"'<>\\^`{|}\x00-\x1f\x7f]")
URL_SCHEMES = ("http", "https", "ftp", "ftps")
MIN_YEAR, MAX_YEAR = -9999, 9999


def validate_citation_key(value):
    if not CITATION_KEY_RE.match(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid citation key: it starts with a letter, digit or _ and holds "
                "letters, digits, _ and the marks :.#$%%&-+?~/ between them."
            ),
            params={"value": value},
        )


def validate_doi(value):
    if value and (not DOI_RE.match(value) or _MARKUP_RE.search(value)):
        raise ValidationError(
            _("“%(value)s” is not a DOI: it must look like 10.1234/suffix (or a short DOI, 10/abc12), without spaces, quotes or markup."),
            params={"value": value},
        )


def validate_pmid(value):
    if value and not PMID_RE.match(value):
        raise ValidationError(
            _("“%(value)s” is not a PubMed ID: it must be 1 to 9 digits."), params={"value": value}
        )


def url_with_scheme(value):
    """The address to link to: ``www.who.int/x`` (no scheme, as people paste it) -> ``https://www.who.int/x``."""
    if value and "://" not in value and ":" not in value.split("/", 1)[0]:
        return f"https://{value}"
    return value  # with a scheme, or another scheme (javascript:...) that formatting will not link


def validate_url(value):
    """A web address, with or without a scheme (http, https, ftp); never markup or another scheme."""
    if not value:
        return
    invalid = ValidationError(
        _("“%(value)s” is not a web address (http://, https:// or a host name such as www.example.org/page)."),
        params={"value": value},
    )
    if _URL_FORBIDDEN_RE.search(value):
        raise invalid
    scheme = value.split("://", 1)[0].lower() if "://" in value else None
    if scheme is None and (":" in value.split("/", 1)[0] or "." not in value.split("/", 1)[0]):
        raise invalid  # javascript:..., mailto:..., or not a host name
    if scheme is not None and scheme not in URL_SCHEMES:
        raise invalid
    try:
        URLValidator(schemes=URL_SCHEMES)(url_with_scheme(value))
    except ValidationError:
        raise invalid from None


_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normalize_doi(value):
    """The bare DOI CSL means by its DOI variable: resolver prefixes people paste
    (https://doi.org/..., http://dx.doi.org/..., doi:...) removed, percent-escapes of the
    resolver URL decoded. Case is kept: DOIs compare case-insensitively (the unique
    constraint is on lower(doi))."""
    value = (value or "").strip()
    if _DOI_PREFIX_RE.match(value):
        value = _DOI_PREFIX_RE.sub("", value, count=1)
        if "%" in value:
            value = unquote(value)
    return value


class EvidenceType(models.TextChoices):
    GUIDELINE = "guideline", _("Guideline")
    SYSTEMATIC_REVIEW = "systematic-review", _("Systematic review")
    RCT = "rct", _("Randomized controlled trial")
    COHORT = "cohort", _("Cohort study")
    CASE_CONTROL = "case-control", _("Case-control study")
    CASE_SERIES = "case-series", _("Case series")
    EXPERT_OPINION = "expert-opinion", _("Expert opinion")
    OTHER = "other", _("Other")


# What each evidence type means, for the people who choose it (the admin's help text).
EVIDENCE_DESCRIPTIONS = {
    EvidenceType.GUIDELINE: _("Recommendations issued by a professional society or a health authority."),
    EvidenceType.SYSTEMATIC_REVIEW: _(
        "A review that searched for and appraised every study on one question, with or without a meta-analysis."
    ),
    EvidenceType.RCT: _("A trial in which participants were assigned to the treatments at random."),
    EvidenceType.COHORT: _("Groups of people followed over time and compared by what they were exposed to."),
    EvidenceType.CASE_CONTROL: _("People with an outcome compared with people without it, looking back at exposures."),
    EvidenceType.CASE_SERIES: _("Reports of one or a few patients, without a comparison group."),
    EvidenceType.EXPERT_OPINION: _("Editorials, letters and narrative reviews not based on a systematic search."),
    EvidenceType.OTHER: _("Anything else: laboratory or animal studies, statistics, web pages."),
}


class RetractionSource(models.TextChoices):
    CROSSREF = "crossref", "Crossref"
    PUBMED = "pubmed", "PubMed"
    EDITOR = "editor", _("an editor")


def _in_authors(word):
    """Authors holding ``word``: the JSON as stored holds a name as written (PostgreSQL's
    jsonb) or with its non-ASCII letters escaped (SQLite: "J\\u00fcni"); either matches."""
    escaped = json.dumps(word)[1:-1]
    condition = Q(authors__icontains=word)
    return condition | Q(authors__icontains=escaped) if escaped != word else condition


class ReferenceQuerySet(models.QuerySet):
    def matching(self, query, *, max_words=6):
        """References holding every word of ``query`` in their key, title, authors, journal,
        DOI or PMID (a four-digit word: or the year)."""
        words = [word for word in (query or "").split() if word][:max_words]
        condition = Q()
        for word in words:
            match = (
                Q(title__icontains=word) | Q(key__icontains=word) | _in_authors(word)
                | Q(doi__icontains=word) | Q(container_title__icontains=word)
            )
            if word.isdigit():
                match |= Q(pmid=word)
                if len(word) == 4:
                    match |= Q(issued_year=int(word))
            condition &= match
        return self.filter(condition)

    def with_citing_article_count(self):
        """Annotates ``citing_article_count``: how many articles cite the reference (in any
        language). A correlated subquery, so only the rows a list shows are counted (no
        COUNT(DISTINCT) over the whole citation table before LIMIT, nothing in COUNT(*))."""
        per_reference = (
            self.model._meta.get_field("citations").related_model.objects.filter(reference=models.OuterRef("pk"))
            .order_by()
            .values("reference")
            .annotate(n=models.Count("article", distinct=True))
            .values("n")
        )
        return self.annotate(citing_article_count=Coalesce(models.Subquery(per_reference), 0))


class Reference(models.Model):
    """One source in the reference library, held as the fields of a CSL-JSON item."""

    key = models.CharField(
        _("citation key"),
        max_length=200,
        unique=True,
        validators=[validate_citation_key],
        help_text=_("Cited in the text as [@key]."),
    )
    csl_type = models.CharField(_("CSL type"), max_length=40, default="article-journal")
    title = models.TextField(
        _("title"),
        blank=True,
        help_text=_("CSL rich text: <i>, <b>, <sup>, <sub> and small caps are shown; other markup is not."),
    )
    authors = models.JSONField(
        _("authors"),
        default=list,
        blank=True,
        help_text=_('CSL names: [{"family": "Smith", "given": "Anna"}] or [{"literal": "Some Society"}].'),
    )
    authors_incomplete = models.BooleanField(
        _("more authors not listed (et al.)"),
        default=False,
        help_text=_(
            "Tick when the source has more authors than are listed here: the reference list then shows "
            "“et al.” after them, and exports say so."
        ),
    )
    container_title = models.CharField(_("journal or series"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    issued_year = models.SmallIntegerField(
        _("year issued"), null=True, blank=True, help_text=_("Negative for years BC (-44 is 44 BC).")
    )
    issued_month = models.PositiveSmallIntegerField(_("month issued"), null=True, blank=True)
    issued_day = models.PositiveSmallIntegerField(_("day issued"), null=True, blank=True)
    volume = models.CharField(_("volume"), max_length=50, blank=True)
    issue = models.CharField(_("issue"), max_length=50, blank=True)
    pages = models.CharField(_("pages"), max_length=50, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[validate_doi])
    pmid = models.CharField("PMID", max_length=12, blank=True, validators=[validate_pmid])
    url = models.CharField(_("URL"), max_length=1000, blank=True, validators=[validate_url])
    evidence = models.CharField(
        _("evidence type"), max_length=20, choices=EvidenceType.choices, default=EvidenceType.OTHER
    )
    retracted = models.BooleanField(
        _("retracted"), default=False, help_text=_("The source has been retracted or withdrawn.")
    )
    retracted_on = models.DateField(
        _("retracted on"), null=True, blank=True, help_text=_("The date of the retraction notice.")
    )
    retraction_notice_doi = models.CharField(
        _("DOI of the retraction notice"), max_length=200, blank=True, validators=[validate_doi]
    )
    retraction_source = models.CharField(
        _("retraction reported by"), max_length=20, choices=RetractionSource.choices, blank=True
    )
    correction_notices = models.JSONField(
        _("correction notices"),
        default=list,
        blank=True,
        help_text=_("Corrections, errata and expressions of concern found by check_retractions."),
    )
    csl_extra = models.JSONField(
        _("other CSL fields"),
        default=dict,
        blank=True,
        help_text=_("CSL-JSON variables we do not show (abstract, ISSN, ...), kept for export."),
    )
    csl_source = models.JSONField(
        _("CSL-JSON as imported"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The item as it was imported, so that an export writes back what was imported."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        constraints = [
            models.UniqueConstraint(
                Lower("doi"), condition=~Q(doi=""), name="unique_reference_doi"
            ),
            models.UniqueConstraint(fields=["pmid"], condition=~Q(pmid=""), name="unique_reference_pmid"),
            models.CheckConstraint(
                condition=Q(authors_incomplete=False) | ~Q(authors=[]),
                name="reference_et_al_follows_an_author",
                violation_error_message=_("“More authors not listed” needs at least one author listed."),
            ),
            models.CheckConstraint(
                condition=Q(issued_year__isnull=True) | Q(issued_year__gte=MIN_YEAR, issued_year__lte=MAX_YEAR),
                name="reference_issued_year_valid",
            ),
            models.CheckConstraint(
                condition=Q(issued_month__isnull=True) | Q(issued_month__gte=1, issued_month__lte=12),
                name="reference_issued_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(issued_day__isnull=True) | Q(issued_day__gte=1, issued_day__lte=31),
                name="reference_issued_day_valid",
            ),
        ]

    def __str__(self):
        return f"[{self.key}] {self.title}"

    def clean_fields(self, exclude=None):
        self.doi = normalize_doi(self.doi)
        self.retraction_notice_doi = normalize_doi(self.retraction_notice_doi)
        super().clean_fields(exclude=exclude)

    def clean(self):
        self._check_key_kept_while_cited()
        if self.doi:
            clash = Reference.objects.filter(doi__iexact=self.doi).exclude(pk=self.pk).first()
            if clash:
                raise ValidationError(
                    {"doi": _("This DOI is already used by reference “%(key)s”.") % {"key": clash.key}}
                )
        if self.authors_incomplete and not self.authors:
            raise ValidationError(
                {"authors_incomplete": _("“More authors not listed” needs at least one author listed.")}
            )
        if self.issued_day and not self.issued_month:
            raise ValidationError({"issued_day": _("A day needs a month.")})
        if self.issued_month and self.issued_year is None:
            raise ValidationError({"issued_month": _("A month needs a year.")})
        # Not a database constraint: an import that un-retracts a reference (CSL-JSON has no
        # notice fields) must not fail on the notice it leaves behind.
        if not self.retracted and (self.retracted_on or self.retraction_notice_doi):
            raise ValidationError(
                {"retracted": _("A retraction date or notice needs the reference marked as retracted.")}
            )
        if not self.retracted:
            self.retraction_source = ""
        elif not self.retraction_source:
            self.retraction_source = RetractionSource.EDITOR

    def _check_key_kept_while_cited(self):
        """Articles cite a reference by its key ([@key]) in their text, approved texts among
        them: a new key would leave every one of them citing nothing."""
        if self.pk is None:
            return
        old_key = Reference.objects.filter(pk=self.pk).values_list("key", flat=True).first()
        if old_key is None or old_key == self.key:
            return
        slugs = sorted(set(self.citations.values_list("article__slug", flat=True)))
        if slugs:
            shown = ", ".join(slugs[:5]) + (", …" if len(slugs) > 5 else "")
            raise ValidationError(
                {
                    "key": _(
                        "The key cannot change while articles cite this reference as [@%(key)s] "
                        "(%(count)s: %(slugs)s). Add a new reference instead, or cite it under its current key."
                    )
                    % {"key": old_key, "count": len(slugs), "slugs": shown}
                }
            )

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def link_url(self):
        """The URL to link to (a scheme added to ``www.example.org/x``)."""
        return url_with_scheme(self.url)

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def issued_date_parts(self):
        parts = [self.issued_year, self.issued_month, self.issued_day]
        return [p for p in parts if p is not None]
