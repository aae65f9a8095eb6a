from kaimen.core.access import Row

ROWS: list[Row] = []
