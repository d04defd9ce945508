import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

# Pandoc citation keys: start with a letter, digit or _, then word characters and
# a few internal punctuation marks (https://pandoc.org/MANUAL.html#citation-syntax).
CITATION_KEY_RE = re.compile(r"^[A-Za-z0-9_][\w:.#$%&+?<>~/-]*$")
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_RE = re.compile(r"^[1-9]\d{0,8}$")


def validate_citation_key(value):
    if not CITATION_KEY_RE.match(value) or value.endswith((".", ":", "-")):
        raise ValidationError(
            _("“%(value)s” is not a valid citation key (letters, digits, _ and -:.# inside)."),
            params={"value": value},
        )


def validate_doi(value):
    if value and not DOI_RE.match(value):
        raise ValidationError(
            _("“%(value)s” is not a DOI: it must look like 10.1234/suffix."), params={"value": value}
        )


def validate_pmid(value):
    if value and not PMID_RE.match(value):
        raise ValidationError(
            _("“%(value)s” is not a PubMed ID: it must be 1 to 9 digits."), params={"value": value}
        )


def normalize_doi(value):
    """Strip resolver prefixes people paste (https://doi.org/..., doi:...)."""
    value = (value or "").strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            return value[len(prefix) :]
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


class ReferenceQuerySet(models.QuerySet):
    def with_citing_article_count(self):
        return self.annotate(
            citing_article_count=models.Count("citations__article", distinct=True)
        )


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
    title = models.TextField(_("title"))
    authors = models.JSONField(
        _("authors"),
        default=list,
        blank=True,
        help_text=_('CSL names: [{"family": "Smith", "given": "Anna"}] or [{"literal": "Some Society"}].'),
    )
    container_title = models.CharField(_("journal or series"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    issued_year = models.PositiveSmallIntegerField(_("year issued"), null=True, blank=True)
    issued_month = models.PositiveSmallIntegerField(_("month issued"), null=True, blank=True)
    issued_day = models.PositiveSmallIntegerField(_("day issued"), null=True, blank=True)
    volume = models.CharField(_("volume"), max_length=50, blank=True)
    issue = models.CharField(_("issue"), max_length=50, blank=True)
    pages = models.CharField(_("pages"), max_length=50, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[validate_doi])
    pmid = models.CharField("PMID", max_length=12, blank=True, validators=[validate_pmid])
    url = models.URLField(_("URL"), max_length=1000, blank=True)
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
        if self.doi:
            clash = Reference.objects.filter(doi__iexact=self.doi).exclude(pk=self.pk).first()
            if clash:
                raise ValidationError(
                    {"doi": _("This DOI is already used by reference “%(key)s”.") % {"key": clash.key}}
                )
        if self.issued_day and not self.issued_month:
            raise ValidationError({"issued_day": _("A day needs a month.")})
        if self.issued_month and not self.issued_year:
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

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def issued_date_parts(self):
        parts = [self.issued_year, self.issued_month, self.issued_day]
        return [p for p in parts if p is not None]
