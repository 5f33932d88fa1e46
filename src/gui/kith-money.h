/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kith_money_format (double      amount,
                         const char *currency);

G_END_DECLS
