/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"
#include "kith-outbox.h"

G_BEGIN_DECLS

/* The states the window's Outbox shows, and its Drafts: masks for KithOutgoingPage:states */
#define KITH_OUTGOING_PAGE_OUTBOX (KITH_OUTGOING_MASK (KITH_OUTGOING_QUEUED) | KITH_OUTGOING_MASK (KITH_OUTGOING_SENDING) | \
                                   KITH_OUTGOING_MASK (KITH_OUTGOING_FAILED))
#define KITH_OUTGOING_PAGE_DRAFTS KITH_OUTGOING_MASK (KITH_OUTGOING_DRAFT)

#define KITH_TYPE_OUTGOING_PAGE (kith_outgoing_page_get_type ())
G_DECLARE_FINAL_TYPE (KithOutgoingPage, kith_outgoing_page, KITH, OUTGOING_PAGE, GtkWidget)

GtkWidget *kith_outgoing_page_new           (KithStore        *store,
                                             guint             states,
                                             const char       *title);
guint      kith_outgoing_page_get_count     (KithOutgoingPage *self);
void       kith_outgoing_page_set_show_back (KithOutgoingPage *self,
                                             gboolean          show_back);

G_END_DECLS
