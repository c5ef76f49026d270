"""Write every technique's drawn picture to a folder, with a contact sheet to review."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.html import escape

from routines.models import Technique
from routines.pictures import picture_alt, picture_gaps, picture_svg, technique_picture_info
from routines.pictures_words import GAP_LABELS


def _from_file(path: Path) -> list[tuple[str, dict]]:
    """(slug, info) for every technique in a library file (the exchange format)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    names = {
        key: {entry["slug"]: entry.get("name", "") for entry in data.get(key, [])}
        for key in ("regions", "equipment", "actions")
    }
    out = []
    for item in data.get("techniques", []):

        def vocab(key, item=item):
            return [{"slug": s, "name": names[key].get(s, s)} for s in item.get(key, [])]

        info = {
            "name": item.get("name", ""),
            "summary": item.get("summary", ""),
            "position": item.get("position", ""),
            "regions": vocab("regions"),
            "equipment": vocab("equipment"),
            "actions": vocab("actions"),
            "side": "each" if item.get("per_side") else "",
        }
        out.append((item.get("slug", ""), info))
    return out


class Command(BaseCommand):
    help = (
        "Write each technique's drawn picture as <slug>.svg into a folder, with index.html "
        "showing them all (thumbnail and full size, alt text, what was drawn generically)."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Where to write the pictures (made if missing).")
        parser.add_argument(
            "--library",
            help="Draw the techniques of this library file instead of the database's.",
        )
        parser.add_argument("--size", type=int, default=400, help="Pixels (default 400).")

    def handle(self, *args, folder, library=None, size=400, **options):
        if library:
            path = Path(library)
            if not path.is_file():
                raise CommandError(f"No such library file: {library}")
            items = _from_file(path)
        else:
            items = [
                (t.slug, technique_picture_info(t))
                for t in Technique.objects.with_lists().order_by("name")
            ]
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        cells = []
        for slug, info in items:
            (out / f"{slug}.svg").write_text(picture_svg(info, size=size), encoding="utf-8")
            gaps = ", ".join(str(GAP_LABELS[g]) for g in picture_gaps(info))
            cells.append(
                f"<figure>{picture_svg(info, size='thumb')} {picture_svg(info, size=size)}"
                f"<figcaption><b>{escape(info['name'])}</b><br>{escape(picture_alt(info))}"
                f"{f'<br><em>{escape(gaps)}</em>' if gaps else ''}</figcaption></figure>"
            )
        (out / "index.html").write_text(
            "<!doctype html><meta charset=utf-8><title>Technique pictures</title>"
            "<style>body{font:13px sans-serif;display:flex;flex-wrap:wrap;gap:12px}"
            f"figure{{width:{size + 80}px;margin:0}}svg{{border:1px solid #ddd}}</style>"
            + "".join(cells),
            encoding="utf-8",
        )
        self.stdout.write(f"Wrote {len(items)} pictures and index.html to {out}")
