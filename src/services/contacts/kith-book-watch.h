/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libedataserver/libedataserver.h>

#include "kith-address-book.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_BOOK_WATCH (kith_book_watch_get_type ())
G_DECLARE_FINAL_TYPE (KithBookWatch, kith_book_watch, KITH, BOOK_WATCH, GObject)

KithBookWatch *kith_book_watch_new  (KithStore       *store,
                                     ESource         *source,
                                     KithAddressBook *item);
void           kith_book_watch_stop (KithBookWatch   *self);

G_END_DECLS
