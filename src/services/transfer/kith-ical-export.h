/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-transfer.h"

G_BEGIN_DECLS

/* iCalendar: to-dos as VTODO, logged meetings as VEVENT, written only */
extern const KithTransferFormat kith_ical_format;

gboolean kith_ical_export (KithStore                *store,
                           GOutputStream            *output,
                           const KithExportOptions  *options,
                           GCancellable             *cancellable,
                           GError                  **error);

G_END_DECLS
