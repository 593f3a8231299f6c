"""Server-rendered RK pages (dinas: own region; ditjen: any region, approval)."""
