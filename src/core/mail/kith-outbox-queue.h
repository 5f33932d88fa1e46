/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-outgoing.h"
#include "kith-store.h"

G_BEGIN_DECLS

gboolean      kith_store_outgoing_queue       (KithStore   *self,
                                               gint64       id,
                                               guint        delay_seconds,
                                               GError     **error);
gboolean      kith_store_outgoing_unqueue     (KithStore   *self,
                                               gint64       id,
                                               GError     **error);
KithOutgoing *kith_store_outgoing_claim       (KithStore   *self,
                                               gint64       now,
                                               GError     **error);
gboolean      kith_store_outgoing_set_sent    (KithStore   *self,
                                               gint64       id,
                                               GError     **error);
gboolean      kith_store_outgoing_set_failed  (KithStore   *self,
                                               gint64       id,
                                               const char  *error_text,
                                               GError     **error);
gboolean      kith_store_outgoing_retry_later (KithStore   *self,
                                               gint64       id,
                                               const char  *error_text,
                                               gint64       send_after,
                                               GError     **error);
gboolean      kith_store_outgoing_retry       (KithStore   *self,
                                               gint64       id,
                                               GError     **error);
gint64        kith_store_outgoing_next_due    (KithStore   *self,
                                               GError     **error);

G_END_DECLS
