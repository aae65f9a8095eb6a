from kaimen.campaigns.tests.access_backoffice import ROWS as BACKOFFICE_ROWS
from kaimen.campaigns.tests.access_imports import ROWS as IMPORT_ROWS
from kaimen.campaigns.tests.access_portal import ROWS as PORTAL_ROWS

ROWS = PORTAL_ROWS + BACKOFFICE_ROWS + IMPORT_ROWS
