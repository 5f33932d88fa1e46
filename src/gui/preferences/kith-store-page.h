/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_STORE_PAGE (kith_store_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (KithStorePage, kith_store_page, KITH, STORE_PAGE, AdwPreferencesPage)

struct _KithStorePageClass
{
  AdwPreferencesPageClass parent_class;

  /* Reads what the page shows, with kith_store_page_get_cancellable() */
  void (*load) (KithStorePage *self);
};

KithStore    *kith_store_page_get_store       (KithStorePage *self);
GCancellable *kith_store_page_get_cancellable (KithStorePage *self);
void          kith_store_page_reload          (KithStorePage *self);
void          kith_store_page_written         (KithStorePage *self,
                                               gboolean       ok,
                                               GError        *error);

G_END_DECLS
