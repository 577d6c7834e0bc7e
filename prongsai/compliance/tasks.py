from django_tasks import task


@task()
def run_checks_task(run_id):
    """Run the evidence checks of a CheckRun created by the checklist page (progress on the row)."""
    from prongsai.compliance.checks import run_checks
    from prongsai.compliance.models import CheckRun

    run = CheckRun.objects.select_related("checklist").filter(pk=run_id).first()
    if run is not None:
        run_checks(run.checklist, run=run)
