# Arabic as written in Tunisia: the months are those of the French calendar names (common.locales).
from ..ar.formats import *  # noqa: F403

MONTHS = {
    1: "جانفي",
    2: "فيفري",
    3: "مارس",
    4: "أفريل",
    5: "ماي",
    6: "جوان",
    7: "جويلية",
    8: "أوت",
    9: "سبتمبر",
    10: "أكتوبر",
    11: "نوفمبر",
    12: "ديسمبر",
}
