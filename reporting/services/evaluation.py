"""Evaluasi capaian per pemda as documents: one pemda's PDF, and the ministry's zip of every pemda of a quarter
for the quarterly evaluation meeting (a background job through ``reporting.jobs``; the zip in private storage).

The figures and the narrative come from ``selectors.evaluation``; the charts from ``reporting.charts``.
"""

import zipfile

from reporting import charts
from reporting.jobs.leases import JobFailed, job_progress, job_succeed
from reporting.jobs.results import result_save
from reporting.messages import EVALUATION_NOT_ALLOWED, EVALUATION_PERIOD_GONE, EVALUATION_ZIP_DONE
from reporting.models import Job, Period, Quarter
from reporting.selectors import access
from reporting.selectors import evaluation as evaluation_selectors
from reporting.services import pdf

PDF_TEMPLATE = "reporting/evaluation/pdf.html"


def bidang_charts(evaluation: evaluation_selectors.Evaluation) -> list[tuple]:
    """A chart per bidang: fill rate and indeks of the pemda, its province and the nation (``charts``)."""
    series = [evaluation.region.display_name, evaluation.province.display_name, "Nasional"]
    if evaluation.region.pk == evaluation.province.pk:
        series[1] = f"{evaluation.province.display_name} dan kab/kota"
    found = []
    for item in evaluation.bidang:
        rows = [
            {"label": "Pengisian", "values": [item.fill.own, item.fill.province, item.fill.nation]},
            {"label": "Indeks capaian", "values": [item.indeks.own, item.indeks.province, item.indeks.nation]},
        ]
        found.append((item, charts.bar_chart(rows, series)))
    return found


def evaluation_context(evaluation: evaluation_selectors.Evaluation) -> dict:
    return {
        "evaluation": evaluation,
        "region": evaluation.region,
        "period": evaluation.period,
        "period_label": f"{Quarter(evaluation.period.quarter).label} {evaluation.period.year}",
        "bidang_charts": bidang_charts(evaluation),
    }


def evaluation_pdf(*, evaluation: evaluation_selectors.Evaluation) -> bytes:
    """The evaluation as an A4 PDF (raises ``pdf.PdfUnavailableError`` without WeasyPrint's libraries)."""
    return pdf.pdf_render(template=PDF_TEMPLATE, context=evaluation_context(evaluation))


def evaluation_filename(region, period: Period, suffix: str = ".pdf") -> str:
    return f"evaluasi-spm-{region.login_code}-{period.year}-tw{period.quarter}{suffix}"


def evaluation_zip_run(job: Job) -> None:
    """The job (``params``: ``year``, ``quarter``): every pemda the asking ministry user reads, one PDF each,
    in one zip written whole to private storage only once all are made."""
    if job.user is None or not access.can_evaluate_all(job.user):
        raise JobFailed(EVALUATION_NOT_ALLOWED)
    period = Period.objects.filter(year=job.params.get("year"), quarter=job.params.get("quarter")).first()
    if period is None:
        raise JobFailed(EVALUATION_PERIOD_GONE)
    regions = evaluation_selectors.evaluation_regions_for_job(user=job.user)
    job_progress(job, 0, len(regions))

    def produce(output):
        with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for done, region in enumerate(regions, start=1):
                evaluation = evaluation_selectors.evaluation_get(user=job.user, region=region, period=period)
                try:
                    data = evaluation_pdf(evaluation=evaluation)
                except pdf.PdfUnavailableError as error:
                    raise JobFailed(str(error)) from error
                archive.writestr(evaluation_filename(region, period), data)
                job_progress(job, done)

    name = result_save(job, produce, suffix=".zip")
    label = f"{Quarter(period.quarter).label} {period.year}"
    job_succeed(
        job,
        EVALUATION_ZIP_DONE.format(period=label, count=f"{len(regions):,}".replace(",", ".")),
        rows=len(regions),
        result=name,
        filename=f"evaluasi-spm-{period.year}-tw{period.quarter}.zip",
    )
