/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-agenda-model.h"
#include "kith-todo.h"

G_BEGIN_DECLS

KithAgendaModel *kith_agenda_compute_model (KithStore   *store,
                                            GTimeZone   *tz,
                                            const char  *date,
                                            GError     **error);

GPtrArray  *kith_agenda_take_notifications (KithStore   *store,
                                            GTimeZone   *tz,
                                            GError     **error);
gboolean    kith_agenda_snooze_notification (KithStore  *store,
                                            const char  *kind,
                                            gint64       ref,
                                            const char  *due,
                                            gint64       until_ms,
                                            GError     **error);

G_END_DECLS
