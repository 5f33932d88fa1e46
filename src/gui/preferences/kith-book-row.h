/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-book-service.h"

G_BEGIN_DECLS

#define KITH_TYPE_BOOK_ROW (kith_book_row_get_type ())
G_DECLARE_FINAL_TYPE (KithBookRow, kith_book_row, KITH, BOOK_ROW, AdwActionRow)

GtkWidget *kith_book_row_new (KithBookService *service,
                              KithAddressBook *book);

G_END_DECLS
