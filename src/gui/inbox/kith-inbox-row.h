/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-message.h"

G_BEGIN_DECLS

#define KITH_TYPE_INBOX_ROW (kith_inbox_row_get_type ())
G_DECLARE_FINAL_TYPE (KithInboxRow, kith_inbox_row, KITH, INBOX_ROW, AdwActionRow)

GtkWidget   *kith_inbox_row_new         (KithMessage  *message);
KithMessage *kith_inbox_row_get_message (KithInboxRow *self);

G_END_DECLS
