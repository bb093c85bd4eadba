"""Words staff read on the care pages (orders, stuck orders, appeals), one place each."""

from flask_babel import lazy_gettext as _l

from server.models import AppealCategory, AppealChannel, AppealStatus
from server.services.stuck import StuckKind

APPEAL_CATEGORIES = {
    AppealCategory.QUESTION.value: _l("question"),
    AppealCategory.DELAY.value: _l("delay"),
    AppealCategory.WRONG_GOODS.value: _l("wrong goods"),
    AppealCategory.QUALITY.value: _l("quality of goods"),
    AppealCategory.SERVICE.value: _l("service"),
}
APPEAL_CHANNELS = {
    AppealChannel.WINDOW.value: _l("at the window"),
    AppealChannel.CALL_CENTRE.value: _l("call centre"),
    AppealChannel.SMS.value: _l("SMS reply"),
}
APPEAL_STATUSES = {
    AppealStatus.OPEN.value: _l("open"),
    AppealStatus.ESCALATED.value: _l("escalated: past its due time"),
    AppealStatus.RESOLVED.value: _l("resolved"),
}
STUCK_KINDS = {
    StuckKind.UNTAKEN: _l("paid, no picker has taken it"),
    StuckKind.UNPLACED: _l("picked, not at a window"),
    StuckKind.AT_WINDOW: _l("at a window longer than three minutes after payment"),
    StuckKind.LATE_TRANSIT: _l("in transit past its expected arrival"),
    StuckKind.HOLD_ENDS: _l("the hold ends today"),
    StuckKind.MESSAGE_FAILING: _l("a message keeps failing"),
    StuckKind.NOT_FOUND: _l("a line was not found on the shelf"),
}
