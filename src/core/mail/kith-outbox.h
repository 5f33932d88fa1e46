/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-outgoing.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* Bits of a states mask for kith_store_outgoing_list() */
#define KITH_OUTGOING_MASK(state) (1u << (state))
#define KITH_OUTGOING_MASK_ALL    ((1u << (KITH_OUTGOING_FAILED + 1)) - 1)

gint64        kith_store_outgoing_save     (KithStore     *self,
                                            KithOutgoing  *msg,
                                            GError       **error);
KithOutgoing *kith_store_outgoing_get      (KithStore     *self,
                                            gint64         id,
                                            GError       **error);
GPtrArray    *kith_store_outgoing_list     (KithStore     *self,
                                            guint          states_mask,
                                            GError       **error);
gboolean      kith_store_outgoing_release_files (KithStore *self,
                                                 gint64     id,
                                                 GError   **error);
gboolean      kith_store_outgoing_discard  (KithStore     *self,
                                            gint64         id,
                                            GError       **error);
GPtrArray    *kith_store_outgoing_list_unfiled (KithStore *self,
                                                GError   **error);

G_END_DECLS
