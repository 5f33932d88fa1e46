/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-address-book.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_BOOK_SERVICE (kith_book_service_get_type ())
G_DECLARE_FINAL_TYPE (KithBookService, kith_book_service, KITH, BOOK_SERVICE, GObject)

KithBookService *kith_book_service_new          (KithStore       *store);
void             kith_book_service_start        (KithBookService *self);
gboolean         kith_book_service_is_ready     (KithBookService *self);
GListModel      *kith_book_service_get_books    (KithBookService *self);
KithAddressBook *kith_book_service_find_book    (KithBookService *self,
                                                 const char      *uid);
void             kith_book_service_set_followed (KithBookService *self,
                                                 const char      *uid,
                                                 gboolean         followed);

G_END_DECLS
