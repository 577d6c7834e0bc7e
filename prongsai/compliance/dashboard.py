"""Readiness figures: by group, by department, overdue entries, readiness over time."""

from django.utils import timezone

from prongsai.compliance.models import (
    Checklist,
    EntryStatus,
    RunStatus,
    as_corrected_by,
    group_label,
)


def summary(checklist):
    entries = list(checklist.entries.select_related("item", "department"))
    total = len(entries)
    done = sum(1 for e in entries if e.is_done)
    by_status = {value: 0 for value in EntryStatus.values}
    for entry in entries:
        by_status[entry.status] += 1
    return {
        "total": total,
        "done": done,
        "percent": round(100 * done / total) if total else 0,
        "by_status": [(label, by_status[value]) for value, label in EntryStatus.choices],
    }


def _bars(rows):
    return [
        {
            "name": name,
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 0,
        }
        for name, (done, total) in rows
    ]


def context_for_checklist(checklist):
    entries = as_corrected_by(
        checklist.site,
        checklist.entries.select_related("item", "department", "responsible").order_by(
            "item__sort_order"
        ),
    )
    groups, departments = {}, {}
    for entry in entries:
        g = groups.setdefault(group_label(entry.item.group), [0, 0])
        d = departments.setdefault(
            entry.department.name if entry.department else "ยังไม่มอบหมายส่วนงาน", [0, 0]
        )
        for bucket in (g, d):
            bucket[1] += 1
            bucket[0] += entry.is_done
    today = timezone.localdate()
    overdue = [e for e in entries if e.due_date and e.due_date < today and not e.is_done]
    runs = list(checklist.runs.filter(status=RunStatus.DONE).order_by("started_at")[:30])
    total = len(entries) or 1
    history = [
        {
            "run": run,
            "ready_percent": round(100 * run.ready / total),
            "passed_percent": round(100 * run.passed / total),
        }
        for run in runs
    ]
    return {
        "checklist": checklist,
        "summary": summary(checklist),
        "by_group": _bars(groups.items()),
        "by_department": _bars(sorted(departments.items())),
        "overdue": overdue,
        "history": history,
        "chart": chart(history),
    }


def chart(history, width=600, height=160):
    """An inline SVG line of readiness (%) and passing checks (%) over the runs."""
    if not history:
        return None
    n = len(history)
    step = width / max(n - 1, 1)

    def points(key):
        return " ".join(
            f"{round(i * step, 1)},{round(height - h[key] * height / 100, 1)}"
            for i, h in enumerate(history)
        )

    return {
        "width": width,
        "height": height,
        "ready": points("ready_percent"),
        "passed": points("passed_percent"),
        "single": n == 1,
        "last": history[-1],
    }


def context_for_site(site):
    checklist = Checklist.objects.filter(site=site).order_by("-fiscal_year", "-pk").first()
    if checklist is None:
        return {"checklist": None}
    return context_for_checklist(checklist)
