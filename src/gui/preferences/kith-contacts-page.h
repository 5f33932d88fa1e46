/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-book-service.h"

G_BEGIN_DECLS

#define KITH_TYPE_CONTACTS_PAGE (kith_contacts_page_get_type ())
G_DECLARE_FINAL_TYPE (KithContactsPage, kith_contacts_page, KITH, CONTACTS_PAGE, AdwPreferencesPage)

GtkWidget *kith_contacts_page_new (KithBookService *service);

G_END_DECLS
