/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-core.h"

G_BEGIN_DECLS

int kith_cli_mail_merge (KithStore  *store,
                         int         argc,
                         char      **argv);

G_END_DECLS
