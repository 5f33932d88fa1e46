/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-outbox.h"
#include "kith-statement.h"

G_BEGIN_DECLS

/* What the Outbox's, the signatures' and the templates' files share: reading rows, writing in
 * a transaction, the copies' folder and copying into it, the Outbox's clock */
KithOutgoing *kith_outbox_get_locked     (KithStore      *store,
                                          gint64          id,
                                          GError        **error);
gboolean      kith_outbox_check_state    (KithOutgoing   *msg,
                                          guint           states_mask,
                                          GError        **error);
char         *kith_outbox_dup_folder     (KithStore      *store,
                                          gint64          id);
void          kith_outbox_remove_folder  (const char     *folder);
GStrv         kith_outbox_copy_files     (const char     *folder,
                                          GPtrArray      *made,
                                          const char * const *paths,
                                          GError        **error);
gint64        kith_outbox_now            (KithStore      *store);

typedef gboolean (*KithOutboxWrite) (KithStore  *store,
                                     gpointer    data,
                                     GError    **error);

typedef gpointer (*KithOutboxReadRow) (KithStatement *st);

GPtrArray    *kith_outbox_read_rows      (KithStore         *store,
                                          const char        *sql,
                                          const char        *param,
                                          KithOutboxReadRow  read_row,
                                          GError           **error);
gboolean      kith_outbox_write          (KithStore       *store,
                                          KithOutboxWrite  write,
                                          gpointer         data,
                                          GError         **error);

G_END_DECLS
