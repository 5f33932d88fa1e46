/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"
#include "kith-agenda-model.h"
#include "kith-todo.h"

G_BEGIN_DECLS

/**
 * kith_agenda_compute:
 * @store: the store; its clock says what "now" is
 * @tz: (nullable): the user's time zone, which decides where "today" begins; %NULL for local
 * @date: (nullable): the day to compute the Agenda for ("YYYY-MM-DD"); %NULL for today
 *
 * Computes the Agenda: to-dos (overdue, today, next 7 days, someday), next-step reminders,
 * birthdays and anniversaries coming up, people to stay in touch with, inbound mail waiting for
 * a reply and today's meetings. See docs/agenda.md for the rules.
 *
 * Returns: (transfer full) (nullable): the Agenda as JSON, as kith-cli prints it (the GUI reads
 *   kith_agenda_compute_model(), which makes no JSON), or %NULL with @error set
 */
JsonObject *kith_agenda_compute (KithStore   *store,
                                 GTimeZone   *tz,
                                 const char  *date,
                                 GError     **error);

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
