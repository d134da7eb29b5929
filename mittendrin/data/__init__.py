"""The open data: JSON, CSV, Excel, Einsamkeit.NRW, HSDS and iCalendar, each from the checked offers."""
